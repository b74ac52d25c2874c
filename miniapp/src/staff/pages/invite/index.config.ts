export default definePageConfig({ navigationBarTitleText: '邀请会员' });
