export { authenticate } from "./accounts.login";
export {
  ACTIONS,
  type Action,
  can,
  canAny,
  isRole,
  orgIdsWhereCan,
  type PolicySubject,
  ROLE_LABELS,
  ROLES,
  type Role,
} from "./accounts.policy";
export {
  actorOf,
  type CreateUserInput,
  type CurrentUser,
  changePassword,
  createApiToken,
  createUser,
  endSession,
  findCurrentUser,
  getUserRow,
  listMySessions,
  listUsersWithRoles,
  resolveApiToken,
  resolveSession,
  startSession,
  updateAccountStatus,
} from "./accounts.service";
export type { SessionClient } from "./accounts.sessions";
