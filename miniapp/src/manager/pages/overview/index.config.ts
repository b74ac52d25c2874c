export default definePageConfig({ navigationBarTitleText: '俱乐部概览', enablePullDownRefresh: true });
