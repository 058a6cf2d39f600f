/** The web workbook page's own words (the pane brings its own catalogue, addin/i18n). */
export const pageStrings = {
  'zh-CN': {
    title: '验印 网页工作簿',
    open: '打开 .xlsx…',
    download: '下载 .xlsx',
    dropHere: '把 .xlsx 文件拖到这里打开',
    loadingSheet: '正在加载表格组件…',
    opening: (name: string) => `正在打开「${name}」…`,
    draftFound: (name: string, when: string) => `上次未下载的草稿「${name}」（${when}）`,
    restore: '恢复草稿',
    discard: '丢弃',
    draftSaved: '草稿已保存在本浏览器',
    notXlsx: (name: string) => `「${name}」不是 .xlsx 文件：请在 Excel 或 WPS 中另存为 .xlsx 后再打开。`,
    openFailed: (name: string, why: string) => `无法打开「${name}」：${why}`,
    blank: '空白工作簿（可在右侧插入官方模板）',
  },
  en: {
    title: 'Yanyin web workbook',
    open: 'Open .xlsx…',
    download: 'Download .xlsx',
    dropHere: 'Drop an .xlsx file here to open it',
    loadingSheet: 'Loading the spreadsheet…',
    opening: (name: string) => `Opening “${name}”…`,
    draftFound: (name: string, when: string) => `Unsaved draft “${name}” (${when})`,
    restore: 'Restore draft',
    discard: 'Discard',
    draftSaved: 'Draft kept in this browser',
    notXlsx: (name: string) => `“${name}” is not an .xlsx file: save it as .xlsx in Excel or WPS first.`,
    openFailed: (name: string, why: string) => `Cannot open “${name}”: ${why}`,
    blank: 'Blank workbook (insert an official template from the pane)',
  },
};
export type PageStrings = (typeof pageStrings)['zh-CN'];
