/**
 * What a `<corbado-append>` is to its controller, without Lit or a DOM: connected or not, the
 * controllers it drives, its config, its events, and where focus is. The flow tests' `Harness`
 * and the model's `Element` are stand-ins of this kind.
 */
import type { AppendConfig } from '../../src/contract.js';
import type { AppendHost } from '../../src/flow/controller.js';
import type { FocusTarget } from '../../src/flow/types.js';

type Controller = { hostConnected?(): void; hostDisconnected?(): void };

export abstract class StandInHost implements AppendHost {
  isConnected = false;
  readonly updateComplete = Promise.resolve(true);
  private readonly controllers: Controller[] = [];
  /** Keyboard focus is in the stand-in element. */
  focused = false;
  /** Where the flow moved focus, in order. */
  readonly focusMoves: FocusTarget[] = [];

  abstract readonly config: AppendConfig;
  abstract emit: AppendHost['emit'];

  get appendConfig(): AppendConfig {
    return this.config;
  }

  holdsFocus(): boolean {
    return this.focused;
  }

  moveFocus(to: FocusTarget): void {
    this.focusMoves.push(to);
  }

  addController(c: Controller): void {
    this.controllers.push(c);
  }

  removeController(): void {}

  requestUpdate(): void {}

  connect(): void {
    this.isConnected = true;
    this.controllers.forEach((c) => c.hostConnected?.());
  }

  disconnect(): void {
    this.isConnected = false;
    this.controllers.forEach((c) => c.hostDisconnected?.());
  }
}
