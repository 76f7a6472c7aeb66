// Who is signed in, their CSRF token, and data cached for the session.
export const state = {
  user: null,
  roleLabel: '',
  csrf: '',
  staleAfterDays: 180,
  forms: null,
};

const RANK = { viewer: 1, editor: 2, admin: 3 };

/** True when the signed-in user has at least `role`. */
export function can(role) {
  return !!state.user && RANK[state.user.role] >= RANK[role];
}
