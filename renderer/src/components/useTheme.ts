import { useEffect } from 'react';
import type { Theme } from '../../../shared/settings';

/** 'system' removes the attribute so prefers-color-scheme decides (see tokens.css). */
export function useTheme(theme: Theme | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (!theme || theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
  }, [theme]);
}
