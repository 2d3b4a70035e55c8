// electron-builder configuration (`npm run dist`). Everything the app runs is bundled
// into dist/electron by esbuild, except dockerode's SSH transport (ssh2 + its optional
// native cpu-features), which electron-builder copies from node_modules as a production
// dependency; nothing native is rebuilt.
/** The external runtime modules: ssh2 and its dependency tree (cpu-features optional). */
const RUNTIME_MODULES = ['ssh2', 'asn1', 'safer-buffer', 'bcrypt-pbkdf', 'tweetnacl', 'cpu-features', 'buildcheck', 'nan'];
/** The recorder's SQLite: libsql's loader and its prebuilt N-API binary for the platform (no rebuild for Electron). */
const RECORDER_MODULES = ['libsql', '@libsql', '@neon-rs', 'detect-libc'];

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.atom-desktop.app',
  productName: 'Atom Desktop',
  copyright: 'Copyright © Atom Desktop developers',
  directories: { output: 'release', buildResources: 'resources' },
  files: [
    'dist/electron/**',
    '!dist/electron/**/*.map',
    'renderer/dist/**',
    'package.json',
    // The bundles need no node_modules except ssh2 and its own dependencies (kept
    // external); everything else is already inside main.cjs.
    '!node_modules/**',
    `node_modules/{${RUNTIME_MODULES.join(',')}}/**`,
    `node_modules/{${RECORDER_MODULES.join(',')}}/**`,
  ],
  // A native module cannot load from inside the asar archive.
  asarUnpack: ['node_modules/@libsql/**'],
  // Same relative layout as the repository, so the compose file's build context
  // (resources/demo-backend) resolves next to it under process.resourcesPath.
  extraResources: [
    { from: 'docker-compose-personal.yml', to: 'docker-compose-personal.yml' },
    // The same stack on a three-node Valkey cluster (README: "Valkey Cluster").
    { from: 'docker-compose-cluster.yml', to: 'docker-compose-cluster.yml' },
    { from: 'resources/demo-backend', to: 'resources/demo-backend' },
    { from: 'resources/icons', to: 'icons', filter: ['**/*.png'] },
  ],
  asar: true,
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  afterPack: './scripts/fuses.cjs',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    icon: 'resources/icons',
    maintainer: 'Atom Desktop developers <desktop@atom.invalid>',
    synopsis: 'Desktop manager for the Atom Personal Edition stack',
  },
  deb: {
    // The app talks to a Docker Engine; it does not ship one.
    recommends: ['docker.io | docker-ce'],
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'resources/icons/icon.icns',
  },
  dmg: { title: 'Atom Desktop' },
  win: {
    target: ['nsis'],
    icon: 'resources/icons/icon.ico',
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
