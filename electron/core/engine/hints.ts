// What to tell a user whose engine is unreachable, per OS: the one thing to install or start.

export function engineHint(platform: NodeJS.Platform, reason: string): string {
  if (/permission denied|EACCES/i.test(reason)) {
    return platform === 'linux'
      ? 'Your user may not access the Docker socket: add it to the "docker" group (sudo usermod -aG docker $USER) and log in again, or use rootless Docker/Podman.'
      : 'Permission denied on the engine socket: restart Docker Desktop.';
  }
  switch (platform) {
    case 'darwin':
      return 'Start Docker Desktop (or Colima: `colima start`, or Rancher Desktop). Install one from docker.com if you have none.';
    case 'win32':
      return 'Start Docker Desktop (install it from docker.com with the WSL 2 backend if needed).';
    default:
      return "Start the Docker engine (sudo systemctl start docker) or install it (Debian/Ubuntu: sudo apt install docker.io), or start Podman's socket (systemctl --user start podman.socket).";
  }
}
