const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The development provider's whole UI: one email field. Whoever types an address is signed in as that address. */
export function signInPage(options: { action: string; error?: string; email?: string }): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>pilog development sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}input,button{font-size:1rem;padding:.5rem;width:100%;box-sizing:border-box;margin:.25rem 0}.error{color:#b00}</style>
</head>
<body>
<h1>Development sign-in</h1>
<p>pilog's built-in identity provider. Any address signs in, no password; configured admin emails sign in as ADMIN.</p>
${options.error ? `<p class="error">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="${escapeHtml(options.action)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" required autofocus value="${escapeHtml(options.email ?? '')}">
<button type="submit">Sign in</button>
</form>
</body>
</html>`;
}
