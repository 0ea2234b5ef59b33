import { SettingsNav } from '@/components/layout/settings-nav';

export default function SettingsLayout({ children }: LayoutProps<'/settings'>) {
  return (
    <div className="mx-auto grid w-full max-w-5xl flex-1 gap-6 px-4 py-6 md:grid-cols-[12rem_1fr] md:py-10">
      <aside>
        <p className="mb-2 hidden px-3 text-xs font-semibold tracking-wide text-muted-foreground uppercase md:block">
          Settings
        </p>
        <SettingsNav />
      </aside>
      <main id="main" className="min-w-0">
        {children}
      </main>
    </div>
  );
}
