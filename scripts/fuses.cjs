/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook: electron-builder require()s it */
// electron-builder afterPack hook: flips Electron's fuses in the packaged binary so it
// cannot be turned into a generic Node runtime. ATOM_E2E_BUILD=1 keeps the inspector
// flags, which Playwright's _electron.launch needs to drive the app.
// @electron/fuses is ESM-only, hence the dynamic import from this CommonJS hook.
const path = require('node:path');

const loadFuses = () => import('@electron/fuses');

/** The fuse settings for a build; exported for tests. */
async function fuseConfig(env = process.env) {
  const { FuseVersion, FuseV1Options } = await loadFuses();
  const e2e = env.ATOM_E2E_BUILD === '1';
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The renderer is served on app://, file:// needs no extra powers.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: e2e,
  };
}

/** Path of the Electron executable inside an electron-builder appOutDir. */
function executablePath(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  const { flipFuses } = await loadFuses();
  const config = await fuseConfig();
  // Mac apps are re-signed by electron-builder after this hook.
  await flipFuses(executablePath(context), { ...config, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.executablePath = executablePath;
