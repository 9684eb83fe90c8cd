import { performance } from 'node:perf_hooks';

/** How much request work one turn of the event loop takes on before further requests wait for the next. */
export const LOOP_TURN_BUDGET_MS = 10;

/**
 * Lets requests in by turns when the event loop is saturated (issue 17). better-sqlite3 answers every
 * query synchronously, so a request that has started runs to its end without yielding, and one turn of
 * the loop used to serve every connection with a request ready, back to back (50 connections x 3 ms =
 * 150 ms a turn, seconds on a contended CPU) before it read anything else, a health check included.
 * Here a turn takes on about `budgetMs` of requests; beyond that they wait in arrival order and are let
 * in one per setImmediate, the rest in later turns, so timers and new connections are served between
 * them. A request let in runs to its end (no interleaving, its garbage dies young). On an idle or lightly
 * loaded loop nothing waits.
 */
export class LoopTurns {
  private readonly waiting: (() => void)[] = [];
  private turnOpen = false;
  private turnStart = 0;
  private letInThisTurn = 0;

  constructor(
    private readonly budgetMs = LOOP_TURN_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Requests waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /** null: go on now; otherwise resolves when it is this request's turn. */
  enter(): Promise<void> | null {
    this.openTurn();
    if (this.waiting.length === 0 && this.now() - this.turnStart < this.budgetMs) return null;
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      setImmediate(this.letInNext);
    });
  }

  /** A turn lasts until the check phase runs the setImmediate queued when it opened. */
  private openTurn(): void {
    if (this.turnOpen) return;
    this.turnOpen = true;
    this.turnStart = this.now();
    this.letInThisTurn = 0;
    setImmediate(() => {
      this.turnOpen = false;
    });
  }

  /**
   * One per waiting request, in the check phase: lets the next one in (its work runs in the microtask
   * drain right after this callback), or, once this turn's budget is spent, tries again next turn.
   */
  private readonly letInNext = (): void => {
    this.openTurn();
    if (this.letInThisTurn > 0 && this.now() - this.turnStart >= this.budgetMs) {
      setImmediate(this.letInNext);
      return;
    }
    const next = this.waiting.shift();
    if (!next) return;
    this.letInThisTurn++;
    next();
  };
}
