import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { ROUTES } from '../routes';
import { useSessionStore } from '../stores/session.store';

/**
 * Member pages send anyone who is not a member back to the door (a visitor to joining), also when
 * the session ends while the page is open (a refresh the server refused).
 */
export function useMemberGuard(): boolean {
  const memberRole = useSessionStore((s) => s.memberRole);
  useEffect(() => {
    if (memberRole === null) Taro.reLaunch({ url: ROUTES.welcome });
    else if (memberRole === 'visitor') Taro.reLaunch({ url: ROUTES.join });
  }, [memberRole]);
  return memberRole === 'member';
}
