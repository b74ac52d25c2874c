import type { AuthUser } from '../../common/auth/auth-user';

/** A store till authenticated by its POS key. */
export interface ApiKeyCaller {
  id: string;
  storeId: string;
}

/** Who asks: a logged-in staff member or a till's key. */
export type Actor =
  | { kind: 'staff'; id: string; role: 'clerk' | 'manager'; storeId: string | null }
  | { kind: 'api-key'; id: string; storeId: string };

/** How an actor is written in the audit log and on what it recorded. */
export function actorRef(actor: Actor): string {
  return actor.kind === 'staff' ? `staff:${actor.id}` : `api-key:${actor.id}`;
}

export function staffActor(user: AuthUser): Actor {
  return {
    kind: 'staff',
    id: user.sub,
    role: user.role === 'manager' ? 'manager' : 'clerk',
    storeId: user.storeId ?? null,
  };
}

/** The actor of a request that passed `ApiKeyGuard`: the key when one was given, else the staff token. */
export function requestActor(request: { user?: AuthUser; apiKey?: ApiKeyCaller }): Actor {
  if (request.apiKey) return { kind: 'api-key', id: request.apiKey.id, storeId: request.apiKey.storeId };
  if (!request.user) throw new Error('requestActor on a request nobody authenticated');
  return staffActor(request.user);
}

/** Managers act for every store; a clerk or a till only for its own. */
export function actsForStore(actor: Actor, storeId: string): boolean {
  if (actor.kind === 'staff' && actor.role === 'manager') return true;
  return actor.storeId === storeId;
}
