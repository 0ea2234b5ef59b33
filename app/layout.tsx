import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { EmulatorBanner } from '@/components/emulator-banner';
import { FlashToast } from '@/components/flash-toast';
import { SiteHeader } from '@/components/layout/site-header';
import { ThemeProvider } from '@/components/theme-provider';
import { Toaster } from '@/components/ui/sonner';
import { flashCookieName, readFlash } from '@/lib/http/flash';
import { site } from '@/lib/site';
import './globals.css';

export const metadata: Metadata = {
  title: { default: site.name, template: `%s · ${site.name}` },
  description: site.description,
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0a0a0a' },
  ],
};

export default async function RootLayout({ children }: LayoutProps<'/'>) {
  // The per-request CSP nonce from proxy.ts, for next-themes' inline no-flash script.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  const flash = await readFlash();
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="flex min-h-dvh flex-col bg-background text-foreground antialiased">
        <ThemeProvider nonce={nonce}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
          >
            Skip to content
          </a>
          <EmulatorBanner />
          <SiteHeader />
          {children}
          <Toaster />
          <FlashToast flash={flash} cookieName={flashCookieName()} />
        </ThemeProvider>
      </body>
    </html>
  );
}
