export default definePageConfig({ navigationBarTitleText: '门店与店员' });
