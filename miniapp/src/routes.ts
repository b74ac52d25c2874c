/** Every page's address in one place, so a move is one edit. */
export const ROUTES = {
  welcome: '/pages/welcome/index',
  join: '/pages/join/index',
  home: '/pages/home/index',
  profile: '/pages/profile/index',
  staffLogin: '/staff/pages/login/index',
  staffLookup: '/staff/pages/lookup/index',
  staffManage: '/staff/pages/manage/index',
} as const;
