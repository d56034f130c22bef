/**
 * The pages' two languages, English and Simplified Chinese, and how they show times: every instant a person reads
 * is shown in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving), the time the Regulations' deadlines
 * are counted in, whatever the browser's own zone. The choice is kept in localStorage (it outlives a sign-in) and
 * sets `<html lang>`, so Chinese text takes Chinese glyph forms in either language (see explorer.css).
 */
import { useEffect, useState } from 'react';
import { MESSAGES, type MessageKey } from './messages.ts';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
const KEY = 'govgraph.explorer.locale';
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

export function loadLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return stored === 'zh-CN' || stored === 'en' ? stored : 'en';
}

/** The locale of the page, kept in step across components of one page through a window event. */
export function useLocale(): [Locale, (locale: Locale) => void] {
  const [locale, setLocale] = useState(loadLocale);
  useEffect(() => {
    document.documentElement.lang = locale === 'zh-CN' ? 'zh-CN' : 'en';
    const changed = () => setLocale(loadLocale());
    window.addEventListener('govgraph-locale', changed);
    return () => window.removeEventListener('govgraph-locale', changed);
  }, [locale]);
  return [locale, (next) => {
    localStorage.setItem(KEY, next);
    window.dispatchEvent(new Event('govgraph-locale'));
  }];
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** `t('signedInAs', { who })`: the message in `locale`, `{name}` placeholders filled. */
export function translator(locale: Locale): Translate {
  const messages = MESSAGES[locale];
  return (key, params = {}) => messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

const parts = (iso: string, options: Intl.DateTimeFormatOptions) => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const formatted = new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE, hourCycle: 'h23', ...options }).formatToParts(date);
  return Object.fromEntries(formatted.map((p) => [p.type, p.value])) as Record<string, string>;
};

/** `2026-12-17 09:30 CST` / `2026-12-17 09:30（北京时间）`. */
export function formatInstant(iso: string, locale: Locale): string {
  const p = parts(iso, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  if (!p) return iso;
  const text = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  return locale === 'zh-CN' ? `${text}（北京时间）` : `${text} CST`;
}

/** The calendar date in China Standard Time, `2026-12-17`. */
export function chinaDate(iso: string): string {
  const p = parts(iso, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}

/**
 * A reply deadline, which the workflow stores as the instant the next day begins in Beijing: shown as the last
 * day a reply is on time, `end of 2026-12-17 (CST)` / `2026-12-17 当日（北京时间）`.
 */
export function formatDeadline(iso: string, locale: Locale): string {
  const lastDay = chinaDate(new Date(new Date(iso).getTime() - 1).toISOString());
  return locale === 'zh-CN' ? `${lastDay} 当日（北京时间）` : `end of ${lastDay} (CST)`;
}
