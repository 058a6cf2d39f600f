/*
 * 验印 task pane loader. Hand-written ES5 (checked by es-check in the test suite): it is the only script
 * every webview that Office may give the pane can parse.
 *
 * 1. Webviews the pane cannot run in get a small page in Chinese saying what to use instead, never a
 *    blank pane. Volume-licensed Office 2019 and older run add-ins in Internet Explorer 11 (Trident);
 *    retail Office 2016/2019 without WebView2 in Edge Legacy (EdgeHTML). Neither parses the pane's
 *    ES2022 module bundle. Detection by user agent as Microsoft recommends ("Support older Microsoft
 *    webviews and Office versions", learn.microsoft.com/office/dev/add-ins/develop/support-ie-11), plus
 *    a feature test (ES modules, Object.hasOwn from ES2022) for any other old engine.
 * 2. Office.js is loaded from Microsoft's CDN without blocking the pane: where the CDN is unreachable
 *    (intranets) a dropped connection can take a TCP timeout (20 s and more) to fail, so after
 *    CDN_WAIT_MS, or at once on `onerror`, the server's copy at ../office-js/ is loaded instead.
 *    The pane's module waits for `window.yanyinOfficeScript(callback)`.
 */
(function () {
  // index.html names the CDN (data-office-js): Office 365 operated by 21Vianet in China uses its own.
  var me = document.currentScript;
  var CDN = (me && me.getAttribute('data-office-js')) || 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
  var LOCAL = '../office-js/office.js';
  var CDN_WAIT_MS = 4000;

  var waiters = [];
  var outcome = null;
  function settle(result) {
    if (outcome) return;
    outcome = result;
    window.yanyinOfficeSource = result;
    for (var i = 0; i < waiters.length; i++) waiters[i](result);
    waiters = [];
  }
  /** The pane's module calls this; the callback gets 'cdn', 'local' or 'none'. */
  window.yanyinOfficeScript = function (callback) {
    if (outcome) callback(outcome);
    else waiters.push(callback);
  };

  function webview() {
    var ua = navigator.userAgent || '';
    if (ua.indexOf('Trident/') !== -1 || ua.indexOf('MSIE ') !== -1) return 'Trident (Internet Explorer 11)';
    // Chromium Edge says "Edg/"; only Edge Legacy says "Edge/".
    if (/ Edge\/\d/.test(ua)) return 'EdgeHTML (Edge Legacy)';
    var script = document.createElement('script');
    if (!('noModule' in script) || typeof Object.hasOwn !== 'function') return 'old webview';
    return null;
  }

  function escapeHtml(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  function showUnsupported(kind) {
    var workbook = location.protocol + '//' + location.host + '/workbook/';
    var html =
      '<div id="yanyin-unsupported" data-testid="unsupported" data-webview="' + escapeHtml(kind) + '" ' +
      'style="font:14px/1.6 \'Microsoft YaHei\',\'Segoe UI\',sans-serif;padding:12px;color:#242424">' +
      '<h1 style="font-size:16px;margin:0 0 8px">验印加载项无法在此版本的 Office 中运行</h1>' +
      '<p>此 Office 用旧的网页引擎（' + escapeHtml(kind) + '）显示加载项，验印的任务窗格无法在其中运行。' +
      '您的表格不受影响。可以改用：</p>' +
      '<ol style="padding-left:20px">' +
      '<li><b>Office 2021、Office 2024 或 Microsoft 365</b>（Windows 上需已安装 Microsoft Edge WebView2 运行时），' +
      '或 Mac 版 Excel、网页版 Excel。</li>' +
      '<li><b>验印网页版工作簿</b>：在 Chrome、新版 Edge 或 360 极速模式中打开 ' +
      '<a href="' + escapeHtml(workbook) + '" target="_blank">' + escapeHtml(workbook) + '</a>，' +
      '上传表格即可检查。</li>' +
      '<li><b>命令行</b>：<code>yanyin validate 文件.xlsx</code>（请向学校或教育局的管理员索取）。</li>' +
      '</ol>' +
      '<p style="color:#616161;font-size:12px">技术信息：' + escapeHtml(navigator.userAgent) + '</p>' +
      '</div>';
    var root = document.getElementById('root');
    if (root) root.innerHTML = html;
    else document.body.innerHTML = html;
  }

  function load(src, done) {
    var script = document.createElement('script');
    var finished = false;
    function finish(ok) {
      if (finished) return;
      finished = true;
      done(ok);
    }
    script.onload = function () {
      finish(typeof window.Office !== 'undefined');
    };
    script.onerror = function () {
      finish(false);
    };
    script.src = src;
    document.getElementsByTagName('head')[0].appendChild(script);
  }

  var unsupported = webview();
  if (unsupported) {
    window.yanyinUnsupported = unsupported;
    settle('none');
    if (document.readyState === 'loading')
      document.addEventListener('DOMContentLoaded', function () {
        showUnsupported(unsupported);
      });
    else showUnsupported(unsupported);
    return;
  }

  var localStarted = false;
  var cdnFailed = false;
  var localFailed = false;
  function loadLocal() {
    if (localStarted) return;
    localStarted = true;
    load(LOCAL, function (ok) {
      if (ok) settle('local');
      else {
        localFailed = true;
        if (cdnFailed) settle('none');
      }
    });
  }
  // If the CDN answers after the timer, its copy may also run; Office.js then finds itself already
  // initialised. Waiting the whole TCP timeout instead would leave the pane empty for that long.
  var timer = setTimeout(loadLocal, CDN_WAIT_MS);
  load(CDN, function (ok) {
    if (ok) {
      clearTimeout(timer);
      settle('cdn');
      return;
    }
    cdnFailed = true;
    if (localFailed) settle('none');
    else loadLocal();
  });
})();
