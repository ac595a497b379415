// Builds gopar's JupyterLab front end into build/: the application bundle
// (bundle.js and its chunks) and, through @jupyterlab/builder, the setting
// schemas (build/schemas), the theme CSS (build/themes) and build/style.js.
const path = require('path');
const webpack = require('webpack');
const { Build } = require('@jupyterlab/builder');
const pkg = require('./package.json');

const output = path.join(__dirname, 'build');

// Copies schemas, writes style.js and returns one webpack config a theme.
const assets = Build.ensureAssets({
  packageNames: pkg.jupyterlab.extensions.concat(pkg.jupyterlab.mimeExtensions),
  output
});

// Fonts and small images go inline; the rest are files next to the bundle.
const inline = mimetype => ({
  loader: 'url-loader',
  options: { limit: 10000, mimetype }
});

const app = {
  name: 'app',
  entry: ['whatwg-fetch', './index.js'],
  output: {
    path: output,
    filename: 'bundle.js',
    chunkFilename: '[name].[contenthash:8].js',
    hashFunction: 'sha256'
  },
  bail: true,
  mode: 'development',
  devtool: false,
  performance: { hints: false },
  module: {
    rules: [
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.html$/, use: 'file-loader' },
      { test: /\.md$/, use: 'raw-loader' },
      { test: /\.(jpg|png|gif)$/, use: 'file-loader' },
      { test: /\.js\.map$/, use: 'file-loader' },
      { test: /\.woff2(\?v=\d+\.\d+\.\d+)?$/, use: inline('application/font-woff') },
      { test: /\.woff(\?v=\d+\.\d+\.\d+)?$/, use: inline('application/font-woff') },
      { test: /\.ttf(\?v=\d+\.\d+\.\d+)?$/, use: inline('application/octet-stream') },
      { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, use: 'file-loader' },
      {
        // SVG referenced from CSS becomes a data URI ...
        test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
        issuer: /\.css$/,
        use: { loader: 'svg-url-loader', options: { encoding: 'none', limit: 10000 } }
      },
      {
        // ... and SVG imported from JavaScript (the icons) a string.
        test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
        issuer: /\.js$/,
        use: 'raw-loader'
      }
    ]
  },
  plugins: [
    new webpack.DefinePlugin({
      // Blueprint and the path polyfill expect a bit of Node's process.
      'process.env': '{}',
      process: { cwd: () => '/' }
    })
  ]
};

module.exports = [app].concat(assets);
