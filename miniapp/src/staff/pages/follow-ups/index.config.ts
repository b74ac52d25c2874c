export default definePageConfig({ navigationBarTitleText: '待跟进', enablePullDownRefresh: true });
