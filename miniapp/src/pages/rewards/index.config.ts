export default definePageConfig({ navigationBarTitleText: '积分礼品' });
