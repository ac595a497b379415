// Entry of gopar's JupyterLab 3.6.8 front end (see gopar_lab.py).
//
// It builds a JupyterLab application from the plugin packages listed in
// package.json under "jupyterlab", starts it and exposes it as
// window.jupyterapp, so that browser tests can drive it through its
// command registry, e.g.
//   window.jupyterapp.commands.execute('runmenu:run-all')

import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';

// Chunks and assets are served from the server's static URL; this must be
// set before anything else is loaded.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

// build/style.js is written by @jupyterlab/builder (webpack.config.js): it
// imports the CSS of every extension.
const styles = import('./build/style.js');

// Plugins left out: the announcements plugin asks whether to fetch Jupyter
// news from the internet, which a local test front end should not do.
const skipped = new Set(['@jupyterlab/apputils-extension:announcements']);

// Keep in step with package.json "jupyterlab.extensions".
const extensions = [
  import('@jupyterlab/application-extension'),
  import('@jupyterlab/apputils-extension'),
  import('@jupyterlab/codemirror-extension'),
  import('@jupyterlab/completer-extension'),
  import('@jupyterlab/console-extension'),
  import('@jupyterlab/docmanager-extension'),
  import('@jupyterlab/documentsearch-extension'),
  import('@jupyterlab/filebrowser-extension'),
  import('@jupyterlab/fileeditor-extension'),
  import('@jupyterlab/help-extension'),
  import('@jupyterlab/imageviewer-extension'),
  import('@jupyterlab/launcher-extension'),
  import('@jupyterlab/logconsole-extension'),
  import('@jupyterlab/mainmenu-extension'),
  import('@jupyterlab/markdownviewer-extension'),
  import('@jupyterlab/notebook-extension'),
  import('@jupyterlab/rendermime-extension'),
  import('@jupyterlab/running-extension'),
  import('@jupyterlab/settingeditor-extension'),
  import('@jupyterlab/shortcuts-extension'),
  import('@jupyterlab/statusbar-extension'),
  import('@jupyterlab/theme-light-extension'),
  import('@jupyterlab/tooltip-extension'),
  import('@jupyterlab/translation-extension'),
  import('@jupyterlab/ui-components-extension')
];

// Keep in step with package.json "jupyterlab.mimeExtensions". The HTML,
// Markdown, LaTeX, image and SVG renderers are built into
// @jupyterlab/rendermime (registered by rendermime-extension).
const mimeExtensions = [
  import('@jupyterlab/javascript-extension'),
  import('@jupyterlab/json-extension')
];

// The plugins of one package module: its default export, a plugin or an
// array of them, less the skipped ones and those the page config disables.
function plugins(mod) {
  let exported = mod.default || mod;
  if (!Array.isArray(exported)) {
    exported = [exported];
  }
  return exported.filter(
    p => !skipped.has(p.id) && !PageConfig.Extension.isDisabled(p.id)
  );
}

async function main() {
  await styles;
  const lab = new JupyterLab({
    mimeExtensions: (await Promise.all(mimeExtensions)).flatMap(plugins)
  });
  window.jupyterapp = lab;
  lab.registerPlugins((await Promise.all(extensions)).flatMap(plugins));
  await lab.start();
  await lab.restored;
  document.body.dataset.goparLab = 'ready';
  // eslint-disable-next-line no-console
  console.log('gopar lab: restored');
}

window.addEventListener('load', () => {
  main().catch(err => {
    // eslint-disable-next-line no-console
    console.error('gopar lab: failed to start', err);
    document.body.dataset.goparLab = 'failed';
  });
});
