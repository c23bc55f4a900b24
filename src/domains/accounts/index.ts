export {
  type Action,
  ACTIONS,
  can,
  canAny,
  isRole,
  type PolicySubject,
  ROLE_LABELS,
  type Role,
  ROLES,
} from "./accounts.policy";
export {
  actorOf,
  authenticate,
  type CreateUserInput,
  type CurrentUser,
  changePassword,
  createApiToken,
  createUser,
  listUsersWithRoles,
  loadSessionUser,
  recordLogout,
  resolveApiToken,
} from "./accounts.service";
