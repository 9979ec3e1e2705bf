// The pages the nginx image serves: its welcome page (as the article's transcript shows it) and nginx's error pages.

/** /usr/share/nginx/html/index.html, byte for byte as `curl` printed it in the article (../seed/pod-networking.zh.txt). */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's built-in error page (ngx_http_special_response.c): CRLF line ends, the version in the footer. */
export function nginxErrorPage(status: number, reason: string, version: string): string {
  return [
    '<html>',
    `<head><title>${status} ${reason}</title></head>`,
    '<body>',
    `<center><h1>${status} ${reason}</h1></center>`,
    `<hr><center>nginx/${version}</center>`,
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}
