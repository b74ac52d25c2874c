import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// The API base for weapp/alipay builds (they have no origin of their own); H5 uses its own origin.
const sharedSrc = path.resolve(__dirname, '../../shared/src');

const apiBase = process.env.API_BASE ?? 'http://127.0.0.1:3000/api/v1';

// Subscribe-message template ids by the server's template key, for the platform being built:
// WECHAT_TEMPLATE_<KEY> for weapp, ALIPAY_TEMPLATE_<KEY> for alipay (e.g. WECHAT_TEMPLATE_EVENT_REMINDER).
// A key without an id is never asked about; H5 has no dialog and takes none.
const SUBSCRIBE_TEMPLATE_KEYS = ['event_invitation', 'event_reminder', 'greeting'];
const templatePrefix =
  process.env.TARO_ENV === 'weapp'
    ? 'WECHAT_TEMPLATE_'
    : process.env.TARO_ENV === 'alipay'
      ? 'ALIPAY_TEMPLATE_'
      : undefined;
const subscribeTemplates = Object.fromEntries(
  SUBSCRIBE_TEMPLATE_KEYS.flatMap((key) => {
    const id = templatePrefix ? process.env[`${templatePrefix}${key.toUpperCase()}`]?.trim() : undefined;
    return id ? [[key, id]] : [];
  }),
);

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'vip-club',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per platform, so the weapp, alipay and h5 builds never overwrite each other.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
      SUBSCRIBE_TEMPLATES: JSON.stringify(subscribeTemplates),
    },
    alias: {
      // Compiled from source with the app's own loaders, so all three targets need no prior build of shared.
      '@vip-club/shared': path.join(sharedSrc, 'index.ts'),
      '@': path.resolve(__dirname, '../src'),
    },
    copy: {
      patterns: process.env.TARO_ENV === 'h5' ? [{ from: 'src/h5/rem.js', to: 'dist/h5/rem.js' }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      compile: { include: [sharedSrc] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
