// copyText puts text on the clipboard. The async Clipboard API needs a focused, secure page; when it
// refuses (a headless browser, an old WebView), a hidden textarea and execCommand still work.

/** copyText copies text and says whether it worked; it never throws. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}
