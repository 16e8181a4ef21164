import { type ContractIndex, indexContract } from "../contract/check-prediction.js";
import type { Contract } from "../contract/contract.js";

/**
 * The contracts of every version, held in memory so the ingest path never waits on the store to check a
 * record. Loaded at start-up and updated when a reference is uploaded.
 */
export class ContractRegistry {
  private readonly byKey = new Map<string, ContractIndex>();

  set(contract: Contract): void {
    this.byKey.set(`${contract.model}\u0000${contract.version}`, indexContract(contract));
  }

  get(model: string, version: string): ContractIndex | undefined {
    return this.byKey.get(`${model}\u0000${version}`);
  }
}
