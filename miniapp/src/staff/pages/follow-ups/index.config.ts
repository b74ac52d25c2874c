export default definePageConfig({ navigationBarTitleText: '待跟进' });
