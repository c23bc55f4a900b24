import { AppError, type ErrorDetail, type Problems } from "../errors";

// A workflow as data: each action names the states it may be taken from, the state it leaves, who may take
// it (a domain's policy action) and the guards it must pass. The service enforces the table on the locked
// row (`assertAllowed`, inside `lockedStep`); views read the same table to offer actions
// (`availableActions`), so a rule is written once and shown where it is enforced.

/** A condition on the workflow's context (never on a step's input); `message` is shown to people. */
export interface Guard<Ctx> {
  /** Stable snake_case code of the refusal. */
  code: string;
  /** The form field the refusal belongs to ("action" when it is the step itself). */
  field?: string;
  holds(ctx: Ctx): boolean;
  message(ctx: Ctx): string;
}

export interface Transition<S extends string, Who, Ctx> {
  /** The states the action may be taken from. */
  from: readonly S[];
  /** The state it leaves; absent: unchanged. */
  to?: S;
  /** Chinese name of the action, for messages. */
  label: string;
  /** Who may take it: the domain's policy action (or anything its policy understands). */
  who: Who;
  guards?: readonly Guard<Ctx>[];
}

/** The table: one transition per action, in the order views offer them. */
export type StateMachine<A extends string, S extends string, Who, Ctx> = {
  readonly [K in A]: Transition<S, Who, Ctx>;
};

/** Defines a table with its types checked and inferred (a no-op at run time). */
export function defineMachine<A extends string, S extends string, Who, Ctx>(
  table: StateMachine<A, S, Who, Ctx>,
): StateMachine<A, S, Who, Ctx> {
  return table;
}

/** The guards of `action` that do not hold, as problems (empty when it may be taken). */
export function refusals<A extends string, S extends string, Who, Ctx>(
  machine: StateMachine<A, S, Who, Ctx>,
  action: A,
  ctx: Ctx,
): ErrorDetail[] {
  return (machine[action].guards ?? [])
    .filter((g) => !g.holds(ctx))
    .map((g) => ({ field: g.field ?? "action", code: g.code, message: g.message(ctx) }));
}

/**
 * The actions that may be taken from `state` with `ctx`, in table order. `mayTake` filters by who (the
 * caller's policy); by default every action passes.
 */
export function availableActions<A extends string, S extends string, Who, Ctx>(
  machine: StateMachine<A, S, Who, Ctx>,
  state: S,
  ctx: Ctx,
  mayTake: (who: Who, action: A) => boolean = () => true,
): A[] {
  return (Object.keys(machine) as A[]).filter(
    (a) =>
      machine[a].from.includes(state) && mayTake(machine[a].who, a) && refusals(machine, a, ctx).length === 0,
  );
}

export interface AssertOptions<S extends string> {
  /** Chinese name of a state, for the refusal message. */
  stateLabel?: (state: S) => string;
  /** What is in that state, for the refusal message ("申请" → "申请当前状态为…"). */
  subject?: string;
  /** Collect guard refusals here (with the step's other problems) instead of throwing them. */
  problems?: Problems;
}

/**
 * Refuses an action the table does not allow: 409 `invalid_transition` when the state is wrong; for guards
 * that do not hold, every refusal is added to `problems` when given, else thrown as 409 `step_refused`.
 * Returns the transition.
 */
export function assertAllowed<A extends string, S extends string, Who, Ctx>(
  machine: StateMachine<A, S, Who, Ctx>,
  action: A,
  state: S,
  ctx: Ctx,
  opts: AssertOptions<S> = {},
): Transition<S, Who, Ctx> {
  const step = machine[action];
  if (!step.from.includes(state)) {
    const name = opts.stateLabel?.(state) ?? state;
    const message = `${opts.subject ?? ""}当前状态为“${name}”，不能执行“${step.label}”。`;
    // People read the detail too (a form's error summary): labels only, the codes stay in `code`.
    throw new AppError("invalid_transition", 409, message, [
      {
        field: "action",
        code: "invalid_transition",
        message: `${message}可能已有人办理了这一步，请刷新页面查看可以办理的操作。`,
      },
    ]);
  }
  const refused = refusals(machine, action, ctx);
  if (refused.length) {
    if (opts.problems) for (const r of refused) opts.problems.add(r.field, r.code, r.message);
    else throw new AppError("step_refused", 409, `不能执行“${step.label}”：${refused[0]!.message}`, refused);
  }
  return step;
}
