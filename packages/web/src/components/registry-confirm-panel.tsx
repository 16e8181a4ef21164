import { useEffect, useRef } from "react";

/** An inline confirmation of a registry change: the question, a confirm button (focused) and cancel. */
export function RegistryConfirmPanel(props: {
  question: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      className="confirm-panel"
      role="alertdialog"
      aria-label="confirm"
      aria-describedby="confirm-question"
    >
      <p id="confirm-question">{props.question}</p>
      <button ref={confirm} type="button" className="primary" onClick={props.onConfirm} disabled={props.busy}>
        {props.confirmLabel}
      </button>{" "}
      <button type="button" onClick={props.onCancel} disabled={props.busy}>
        Cancel
      </button>
    </div>
  );
}
