export default defineAppConfig({
  pages: [
    'pages/welcome/index',
    'pages/join/index',
    'pages/home/index',
    'pages/profile/index',
    'pages/points/index',
    'pages/tiers/index',
    'pages/rewards/index',
    'pages/redemptions/index',
    'pages/events/index',
    'pages/event/index',
    'pages/tickets/index',
  ],
  subPackages: [
    {
      root: 'staff',
      pages: [
        'pages/login/index',
        'pages/lookup/index',
        'pages/manage/index',
        'pages/purchase/index',
        'pages/refund/index',
        'pages/fulfil/index',
        'pages/check-in/index',
      ],
    },
    {
      root: 'manager',
      pages: [
        'pages/rewards/index',
        'pages/rules/index',
        'pages/adjust/index',
        'pages/audit/index',
        'pages/events/index',
        'pages/event-editor/index',
        'pages/event-registrations/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#FAF6EF',
    navigationBarBackgroundColor: '#FAF6EF',
    navigationBarTitleText: '会员俱乐部',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#8A8172',
    selectedColor: '#1F2A37',
    backgroundColor: '#FFFDF9',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '会员卡' },
      { pagePath: 'pages/events/index', text: '活动' },
      { pagePath: 'pages/profile/index', text: '我的' },
    ],
  },
});
