import Taro, { useDidShow } from '@tarojs/taro'
import { ROUTES } from '../routes'
import { useSessionStore } from '../stores/session.store'

/** Member pages send anyone who is not a member back to the door (or, for a visitor, to joining). */
export function useMemberGuard(): boolean {
  const memberRole = useSessionStore((s) => s.memberRole)
  useDidShow(() => {
    const role = useSessionStore.getState().memberRole
    if (role === null) Taro.reLaunch({ url: ROUTES.welcome })
    else if (role === 'visitor') Taro.reLaunch({ url: ROUTES.join })
  })
  return memberRole === 'member'
}
