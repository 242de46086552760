/** Light, dark, or whatever the system says; remembered in localStorage (it is not a secret). */
export type Theme = 'system' | 'light' | 'dark';

const key = 'slipway.theme';

export function savedTheme(): Theme {
  const value = localStorage.getItem(key);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') {
    document.documentElement.removeAttribute('data-theme');
    localStorage.removeItem(key);
  } else {
    document.documentElement.setAttribute('data-theme', theme);
    localStorage.setItem(key, theme);
  }
}
