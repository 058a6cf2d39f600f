/* The WPS add-in's ribbon callbacks (the `main.js` WPS loads next to ribbon.xml; see wpsjs's templates).
 * The button opens the pane (pane.html beside this file) in a task pane docked on the right, or toggles it. */
/* global wps, window, document */
/* eslint-disable @typescript-eslint/no-unused-vars -- WPS calls these by the names ribbon.xml gives */
function baseUrl() {
  var src = document.currentScript ? document.currentScript.src : window.location.href;
  return src.substring(0, src.lastIndexOf('/'));
}
var YANYIN_BASE = baseUrl();

function OnAddinLoad(ribbonUI) {
  if (typeof window.Application.ribbonUI !== 'object') window.Application.ribbonUI = ribbonUI;
  return true;
}

function OnAction(control) {
  if (control.Id !== 'yanyinOpenPane') return true;
  var id = wps.PluginStorage.getItem('yanyin_taskpane_id');
  if (!id) {
    var pane = wps.CreateTaskPane(YANYIN_BASE + '/pane.html');
    pane.DockPosition = wps.Enum ? wps.Enum.msoCTPDockPositionRight : 2;
    pane.Width = 400;
    pane.Visible = true;
    wps.PluginStorage.setItem('yanyin_taskpane_id', pane.ID);
  } else {
    var existing = wps.GetTaskPane(id);
    existing.Visible = !existing.Visible;
  }
  return true;
}

function GetImage() {
  return YANYIN_BASE + '/icon-32.png';
}
