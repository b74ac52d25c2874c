export default definePageConfig({ navigationBarTitleText: '问候模板' });
