/** How the pages name a department: its title in the page's language (its Chinese title in Chinese), then its id. */
import type { Locale } from './i18n.ts';

export function departmentLabel(department: { id: string; title: string; titleZh: string | null }, locale: Locale): string {
  const title = locale === 'zh-CN' && department.titleZh ? department.titleZh : department.title;
  return `${title} (${department.id})`;
}
