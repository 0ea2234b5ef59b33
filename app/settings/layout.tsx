import { ConnectionRefresh } from '@/components/integrations/connection-refresh';
import { SettingsNav } from '@/components/layout/settings-nav';
import { getCurrentUser } from '@/lib/auth/current-user';
import { canSeeSetup } from '@/lib/setup/diagnostics';

export default async function SettingsLayout({ children }: LayoutProps<'/settings'>) {
  const showSetup = canSeeSetup(await getCurrentUser());
  return (
    <div className="mx-auto grid w-full max-w-5xl flex-1 grid-cols-1 gap-6 px-4 py-6 md:grid-cols-[12rem_1fr] md:py-10">
      <aside className="min-w-0">
        <p className="mb-2 hidden text-xs font-semibold tracking-wide text-muted-foreground uppercase md:block">
          Settings
        </p>
        <SettingsNav showSetup={showSetup} />
      </aside>
      <main id="main" className="min-w-0">
        {children}
      </main>
      <ConnectionRefresh />
    </div>
  );
}
