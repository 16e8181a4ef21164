// A FIFO of pending records in parallel arrays, so enqueueing allocates nothing per record.
// It starts small and doubles up to `capacity`, so an idle model costs little memory.

/** One dequeued slot. */
export interface QueueItem<O> {
  value: unknown;
  id: string;
  timeMs: number;
  owner: O;
}

export class RingQueue<O> {
  private values: unknown[];
  private ids: string[];
  private times: Float64Array;
  private owners: (O | undefined)[];
  private head = 0;
  private size = 0;
  readonly capacity: number;

  constructor(capacity: number, initial = 256) {
    this.capacity = capacity;
    const n = Math.max(1, Math.min(capacity, initial));
    this.values = new Array(n);
    this.ids = new Array(n);
    this.times = new Float64Array(n);
    this.owners = new Array(n);
  }

  get length(): number {
    return this.size;
  }

  /** Adds one slot; false when the queue is at capacity. */
  push(value: unknown, id: string, timeMs: number, owner: O): boolean {
    if (this.size === this.values.length && !this.grow()) return false;
    const i = (this.head + this.size) % this.values.length;
    this.values[i] = value;
    this.ids[i] = id;
    this.times[i] = timeMs;
    this.owners[i] = owner;
    this.size++;
    return true;
  }

  /** Removes up to `max` slots from the front, releasing the references the queue held. */
  shift(max: number): QueueItem<O>[] {
    const n = Math.min(max, this.size);
    const out: QueueItem<O>[] = new Array(n);
    const len = this.values.length;
    for (let k = 0; k < n; k++) {
      const i = (this.head + k) % len;
      out[k] = { value: this.values[i], id: this.ids[i]!, timeMs: this.times[i]!, owner: this.owners[i]! };
      this.values[i] = undefined;
      this.ids[i] = "";
      this.owners[i] = undefined;
    }
    this.head = (this.head + n) % len;
    this.size -= n;
    return out;
  }

  private grow(): boolean {
    const len = this.values.length;
    if (len >= this.capacity) return false;
    const next = Math.min(this.capacity, len * 2);
    const values = new Array<unknown>(next);
    const ids = new Array<string>(next);
    const times = new Float64Array(next);
    const owners = new Array<O | undefined>(next);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) % len;
      values[k] = this.values[i];
      ids[k] = this.ids[i]!;
      times[k] = this.times[i]!;
      owners[k] = this.owners[i];
    }
    this.values = values;
    this.ids = ids;
    this.times = times;
    this.owners = owners;
    this.head = 0;
    return true;
  }
}
