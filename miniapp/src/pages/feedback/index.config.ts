export default definePageConfig({ navigationBarTitleText: '意见与评价' });
