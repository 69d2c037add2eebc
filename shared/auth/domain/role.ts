export const roles = ['ADMIN', 'USER'] as const;
export type Role = (typeof roles)[number];

/** Primary role first (contract §1.6): the existing frontend reads only `roles[0]`. */
export const byPrimacy = (held: Iterable<Role>): Role[] => roles.filter((role) => [...held].includes(role));

/** Emails on the admin list sign in as ADMIN, everyone else as USER (§2.6). The list is matched case-insensitively. */
export function rolesForEmail(email: string, adminEmails: readonly string[]): Role[] {
  const admins = new Set(adminEmails.map((address) => address.trim().toLowerCase()));
  return admins.has(email.toLowerCase()) ? ['ADMIN'] : ['USER'];
}

/** Roles as stored (`ADMIN,USER`); unknown names are dropped, none left means USER. */
export function parseRoles(stored: string): Role[] {
  const held = byPrimacy(stored.split(',').map((role) => role.trim()) as Role[]);
  return held.length > 0 ? held : ['USER'];
}

export const formatRoles = (held: readonly Role[]): string => byPrimacy(held).join(',');
