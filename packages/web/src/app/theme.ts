/**
 * Light, dark, or whatever the system says; the choice is remembered in localStorage (it is not
 * a secret). The theme in effect is always written to html[data-theme], following the system's
 * setting as it changes while "system" is chosen, so the CSS holds each palette once.
 */
export type Theme = 'system' | 'light' | 'dark';

const key = 'slipway.theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
let chosen: Theme = 'system';

export function savedTheme(): Theme {
  const value = localStorage.getItem(key);
  return value === 'light' || value === 'dark' ? value : 'system';
}

function show(): void {
  const dark = chosen === 'dark' || (chosen === 'system' && systemDark.matches);
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
}

systemDark.addEventListener('change', show);

export function applyTheme(theme: Theme): void {
  chosen = theme;
  if (theme === 'system') localStorage.removeItem(key);
  else localStorage.setItem(key, theme);
  show();
}
