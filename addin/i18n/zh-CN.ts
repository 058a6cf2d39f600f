/** The pane's own words in Simplified Chinese (issue messages come rendered from the core). */
export const zhCN = {
  appTitle: '验印',
  appSubtitle: '毕业证书模板检查',
  loading: '正在连接 Excel…',
  officeFailed: '验印无法启动',
  notInOffice: '未在 Excel 中运行：请通过“开始”选项卡的“检查模板”按钮打开本窗格。',
  checkAgain: '重新检查',
  liveOn: '实时检查已开启',
  liveOff: '实时检查未开启',
  validatedAt: (time: string) => `检查于 ${time}`,
  task: {
    read: '正在读取工作簿',
    validate: '正在检查',
    highlight: '正在标记单元格',
    fix: '正在修正',
    'text-format': '正在设置文本格式',
    'insert-template': '正在插入模板',
    live: '正在更新',
    select: '正在选择单元格',
  },
  progressCount: (done: number, total: number) => `${done} / ${total}`,
  errorTitle: '操作失败',
  errorTask: {
    read: '读取或检查工作簿失败',
    validate: '检查失败',
    highlight: '标记单元格失败',
    fix: '修正失败',
    'text-format': '设置文本格式失败',
    'insert-template': '插入模板失败',
    live: '实时检查失败',
    select: '无法选择单元格',
  },
  dismiss: '关闭',
  notice: {
    fixed: (n: number) => `已修正 ${n} 个单元格。`,
    textFormat: (sheet: string) => `“${sheet}”的身份证号码列已设为文本格式，请重新输入被损坏的号码。`,
    templateInserted: (sheet: string) => `已插入空白模板“${sheet}”。`,
  },
  sheets: {
    title: '工作表识别',
    notTemplate: '不是模板',
    headerRow: (row: number) => `表头在第 ${row} 行`,
    dataRows: (from: number, to: number) => `数据：第 ${from}–${to} 行`,
    noData: '暂无数据行',
    columns: '列对应',
    missing: (cols: string) => `缺少列：${cols}`,
  },
  summary: {
    title: '检查结果',
    sheet: '工作表',
    errors: '错误',
    warnings: '警告',
    total: '合计',
    allGood: '没有发现问题。',
    noSheets: '工作簿中没有可识别的模板。可以在下方插入空白模板。',
  },
  filters: {
    sheet: '工作表',
    allSheets: '全部工作表',
    severity: '级别',
    all: '全部',
    error: '错误',
    warning: '警告',
  },
  issues: {
    title: '问题',
    none: '当前筛选下没有问题。',
    count: (n: number) => `${n} 处`,
    fix: '修正',
    fixTo: (value: string) => `修正为 ${value}`,
    emptyValue: '（空）',
    fixAll: (n: number) => `全部修正（${n}）`,
    locate: '定位',
    more: (n: number) => `还有 ${n} 处未列出，修正或筛选后显示。`,
    fromServer: '教育局服务器',
    fromServerTitle: '上报时由教育局服务器检查发现；修改该单元格或重新上报后更新',
    severity: { error: '错误', warning: '警告' },
  },
  stale: {
    title: '以下单元格在检查后被修改过，未自动修正',
    body: '请重新检查后再修正。',
    clear: '知道了',
  },
  damaged: {
    title: '身份证号码被 Excel 损坏',
    body:
      'Excel 只保留 15 位有效数字：以数字形式输入的 18 位身份证号码，第 15 位之后的数字已变成 0，无法恢复。' +
      '请先把这一列设为“文本”格式，再重新输入这些号码。',
    column: (sheet: string, header: string, n: number) => `${sheet} · ${header}：${n} 个号码`,
    setText: '设为文本格式',
    textSet: '已设为文本，请重新输入这些号码',
  },
  templates: {
    title: '插入空白模板',
    insert: (attachment: string, title: string) => `${attachment} ${title}`,
  },
  cellRef: (sheet: string, address: string) => `${sheet}!${address}`,
} as const;

/** The shape every catalogue must have: zh-CN's keys, with plain strings and same-argument functions. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };
export type UiStrings = Widen<typeof zhCN>;
