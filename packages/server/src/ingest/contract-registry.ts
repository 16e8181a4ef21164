import { type ContractIndex, indexContract } from "../contract/check-prediction.js";
import type { Contract } from "../contract/contract.js";

/**
 * The contracts of every version, held in memory so the ingest path never waits on the store to check a
 * record. Loaded at start-up and updated when a reference is uploaded; listeners (the validation workers,
 * which hold copies) hear of each change.
 */
export class ContractRegistry {
  private readonly byKey = new Map<string, ContractIndex>();
  private readonly listeners: ((contract: Contract) => void)[] = [];

  set(contract: Contract): void {
    this.byKey.set(`${contract.model}\u0000${contract.version}`, indexContract(contract));
    for (const listener of this.listeners) listener(contract);
  }

  get(model: string, version: string): ContractIndex | undefined {
    return this.byKey.get(`${model}\u0000${version}`);
  }

  /** Every contract held now. */
  all(): Contract[] {
    return [...this.byKey.values()].map((index) => index.contract);
  }

  /** Calls `listener` with each contract set from now on. */
  onSet(listener: (contract: Contract) => void): void {
    this.listeners.push(listener);
  }
}
