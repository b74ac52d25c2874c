import type { Role, StaffSummary } from '@vip-club/shared';
import { create } from 'zustand';
import { platformAuth } from '../lib/auth';
import { onSessionLost } from '../lib/request';
import { readStored, removeStored, writeStored } from '../lib/storage';
import { clearTokens, loadTokens, saveTokens } from '../lib/tokens';
import { loginStaff, loginWithPlatform } from '../services/auth.service';
import { useMemberStore } from './member.store';

const STAFF_KEY = 'club.staff';
// Kept beside the tokens rather than read from the access token, which may be expired or unreadable.
const MEMBER_ROLE_KEY = 'club.member.role';

type MemberRole = Extract<Role, 'member' | 'visitor'>;

interface SessionState {
  /** The member side's role, or null when logged out. */
  memberRole: MemberRole | null;
  staff: StaffSummary | null;
  /** Logs in through the platform; answers whether the person is already a member. */
  login: () => Promise<MemberRole>;
  /** The visitor just joined: their new tokens carry the member role. */
  becameMember: (tokens: { accessToken: string; refreshToken: string }) => void;
  logout: () => void;
  staffLogin: (username: string, password: string) => Promise<StaffSummary>;
  staffLogout: () => void;
}

function storedMemberRole(): MemberRole | null {
  if (!loadTokens('member')) return null;
  return readStored<string>(MEMBER_ROLE_KEY) === 'member' ? 'member' : 'visitor';
}

function keepMemberSession(tokens: { accessToken: string; refreshToken: string }, role: MemberRole): void {
  saveTokens('member', tokens);
  writeStored(MEMBER_ROLE_KEY, role);
}

function forgetMemberSession(): void {
  clearTokens('member');
  removeStored(MEMBER_ROLE_KEY);
}

/** Who is signed in: the member side (platform login) and, separately, a staff member. */
export const useSessionStore = create<SessionState>((set) => ({
  memberRole: storedMemberRole(),
  staff: loadTokens('staff') ? (readStored<StaffSummary>(STAFF_KEY) ?? null) : null,

  async login() {
    const code = await platformAuth.loginCode();
    const answer = await loginWithPlatform(platformAuth.platform, code);
    const memberRole: MemberRole = answer.member ? 'member' : 'visitor';
    keepMemberSession(answer, memberRole);
    set({ memberRole });
    return memberRole;
  },

  becameMember(tokens) {
    keepMemberSession(tokens, 'member');
    set({ memberRole: 'member' });
  },

  logout() {
    forgetMemberSession();
    useMemberStore.getState().reset();
    set({ memberRole: null });
  },

  async staffLogin(username, password) {
    const answer = await loginStaff({ username, password });
    saveTokens('staff', answer);
    writeStored(STAFF_KEY, answer.staff);
    set({ staff: answer.staff });
    return answer.staff;
  },

  staffLogout() {
    clearTokens('staff');
    removeStored(STAFF_KEY);
    set({ staff: null });
  },
}));

onSessionLost((kind) => {
  if (kind === 'member') {
    forgetMemberSession();
    useMemberStore.getState().reset();
    useSessionStore.setState({ memberRole: null });
  } else {
    removeStored(STAFF_KEY);
    useSessionStore.setState({ staff: null });
  }
});
