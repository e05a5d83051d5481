/**
 * Who may start or cancel training jobs. Training is expensive (minutes of
 * CPU or GPU), so on shared platforms only the people an operator listed in
 * TRAIN_ALLOWED_USERS may; with the list empty, only the local console and
 * CLI (whoever runs those already owns the machine) — nobody on Slack or
 * Discord. `slack:*` allows everyone on one platform.
 */
const LOCAL_PLATFORMS = new Set(['console', 'cli']);

export function mayTrain(userKey: string, platform: string, allowList: readonly string[]): true | string {
  if (allowList.length === 0) {
    if (LOCAL_PLATFORMS.has(platform)) return true;
    return `Training jobs are off on ${platform}: TRAIN_ALLOWED_USERS is empty, which allows only the local console and CLI. An operator can add you as ${userKey} (or ${platform}:* for everyone there).`;
  }
  if (allowList.includes(userKey) || allowList.includes(`${platform}:*`)) return true;
  return `Only the users listed in TRAIN_ALLOWED_USERS may start or cancel training jobs, and ${userKey} is not one of them. Ask an operator to add you.`;
}
