export default definePageConfig({ navigationBarTitleText: '写问候' });
