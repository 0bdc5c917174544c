// Streamlit's own words are English, and it has no setting for their language (it even pins its choice boxes'
// screen-reader messages to en-US): the skip link, the sidebar's buttons, "Help for …", the choice boxes ("Open",
// "Clear all", "Remove …", "N options available."), the tables' toolbar, search and column menu. On a page that says
// it is Chinese that is a WCAG 3.1.2 failure, and a reader who knows no English meets buttons they cannot name. So this
// script declares the page Chinese (lang, WCAG 3.1.1) and swaps each known English text for Chinese, in text nodes and
// in aria-label / title / placeholder, now and whenever Streamlit draws them again (a MutationObserver). It only sets a
// text node's value or an attribute, never markup, and never changes document text: the page's content (CONTENT:
// markdown, grid cells and headers, metrics, charts, code, hidden icon names) is left whole, and so is any text node
// that can hold the document's words (DOCUMENT_WORDS: the choice boxes' options and chosen tags, markdown anywhere, so
// the sidebar's and a help text's); in a tooltip only the tables' toolbar names are swapped (TOOLTIP_WORDS). The
// patterns, whose () part is the app's label, are for attributes and for what a screen reader is told (live regions)
// only. A constant script, no document text; it removes itself, so the page holds no <script> element (the
// hostile-link tests look for any). components/frame.py loads it (CHINESE_PAGE_LOADER). Tests:
// tests/browser/test_face7_chinese_chrome.py walks every page and fails on English left over (add the word to WORDS);
// test_face7_words_kept.py puts English document words where Streamlit's chrome is and fails if one is changed.
document.currentScript?.remove(); document.documentElement.lang = 'zh-CN';
if (!window.budgetlensChinese) { window.budgetlensChinese = true;
const WORDS = new Map(Object.entries({
  "Skip to main content": "跳到正文",
  "Sidebar": "侧边栏",
  "Collapse sidebar": "收起侧边栏",
  "Expand sidebar": "展开侧边栏",
  "Main menu": "主菜单",
  "Running...": "正在运行…",
  "Stop": "停止",
  "Connecting": "正在连接",
  "Please wait...": "请稍候…",
  "Connection error": "连接出错",
  "Close": "关闭",
  "Dismiss": "关闭",
  "Open": "展开选项",
  "Choose an option": "请选择",
  "Choose options": "请选择",
  "No results": "没有匹配的选项",
  "Clear value": "清除",
  "Clear all": "全部清除",
  "Selected values": "已选的项",
  "Select all": "全选",
  "Press Enter to apply": "按回车键确认",
  "Show/hide columns": "显示或隐藏列",
  "Download as CSV": "下载为 CSV",
  "Search": "搜索",
  "Type to search": "输入要查找的文字",
  "Close Search": "关闭搜索",
  "Next Result": "下一个结果",
  "Previous Result": "上一个结果",
  "Fullscreen": "全屏",
  "Close fullscreen": "退出全屏",
  "Clear selection": "取消选择",
  "Copy to clipboard": "复制",
  "Dataframe column menu": "列菜单",
  "Sort ascending": "升序排列",
  "Sort descending": "降序排列",
  "Autosize": "自动列宽",
  "Pin column": "固定此列",
  "Unpin column": "取消固定",
  "Hide column": "隐藏此列",
  "Copy column name": "复制列名",
  "Format": "数字格式",
  "Automatic": "自动",
  "Localized": "本地格式",
  "Plain": "原样",
  "Percent": "百分比",
  "Dollar": "美元",
  "Euro": "欧元",
  "Yen": "日元",
  "Accounting": "会计格式",
  "Compact": "紧凑",
  "Scientific": "科学计数法",
  "Statistics": "统计",
  "Count": "计数",
  "Distinct": "不同值",
  "Empty": "空值",
  "Minimum": "最小值",
  "Maximum": "最大值",
  "Average": "平均值",
  "Median": "中位数",
  "Sum": "总和",
  "Standard deviation": "标准差",
  "Minimum length": "最短长度",
  "Maximum length": "最长长度",
  "Average length": "平均长度",
  "Distribution histogram": "分布直方图",
  "Top values frequency chart": "最常见的值",
  "Based on sample": "基于抽样",
  "text": "文本",
  "number": "数字",
}));
const PATTERNS = [  // regular expression, its Chinese; the part in () is the app's own label
  [/^Help for (.+)$/s, "说明：$1"],
  [/^Remove (.+)$/s, "移除 $1"],
  [/^(\d+) options? available\.$/s, "有 $1 个选项可用。"],
  [/^(.+), selected$/s, "$1，已选择"],
  [/^Select (\d+) matches$/s, "选择 $1 个匹配项"],
  // a table's toolbar button named with the table's accessible name (st.dataframe's alt, ui.table's name)
  [/^Show\/hide columns: (.+)$/s, "显示或隐藏列：$1"],
  [/^Download as CSV: (.+)$/s, "下载为 CSV：$1"],
  [/^Search: (.+)$/s, "搜索：$1"],
  [/^Fullscreen: (.+)$/s, "全屏：$1"],
  [/^Close fullscreen: (.+)$/s, "退出全屏：$1"],
];
// the page's own content, never touched; hidden icons' names are ligatures that draw the icon
const CONTENT = '[data-testid="stMain"] [data-testid="stMarkdownContainer"], [data-testid^="glide-cell"],'
  + ' .js-plotly-plot, [data-testid="stCode"] pre, [data-testid="stText"], [data-testid="stTable"],'
  + ' [aria-hidden="true"], [data-testid="stDataFrame"] [role="columnheader"],'
  + ' [data-testid="stDataFrame"] [role="gridcell"], [data-testid="stMetricValue"]';
// text nodes that can hold the document's words (their attributes are Streamlit's own)
const DOCUMENT_WORDS = '[role="listbox"]:not([data-empty="true"]) [role="option"]:not([data-key="__select_all__"]),'
  + ' [data-baseweb="tag"], [data-testid="stMarkdownContainer"]';
// a tooltip's text is markdown: a help text, or a toolbar button's name
const TOOLTIP = '[data-testid="stTooltipContent"]';
const TOOLTIP_WORDS = new Set(["Show/hide columns", "Download as CSV", "Search", "Fullscreen", "Close fullscreen"]);
// what a screen reader is told: "11 options available."
const ANNOUNCED = '[aria-live], [role="log"], [role="status"]';
const ATTRIBUTES = ['aria-label', 'title', 'placeholder'];
const chinese = (text, patterns = true) => {
  const key = text.trim();
  if (!/[A-Za-z]/.test(key)) return null;
  if (WORDS.has(key)) return WORDS.get(key);
  const found = patterns ? PATTERNS.find(([pattern]) => pattern.test(key)) : undefined;
  return found ? key.replace(found[0], found[1]) : null;
};
const swapText = (node) => {
  const parent = node.parentElement;
  if (!parent || parent.closest(CONTENT)) return;
  if (parent.closest(TOOLTIP)) {
    if (!TOOLTIP_WORDS.has(node.nodeValue.trim())) return;
  } else if (parent.closest(DOCUMENT_WORDS)) return;
  const words = chinese(node.nodeValue, parent.closest(ANNOUNCED) !== null);
  if (words !== null) node.nodeValue = words;
};
const swapAttributes = (element) => {
  if (element.closest(CONTENT)) return;
  for (const name of ATTRIBUTES) {
    const words = element.hasAttribute(name) ? chinese(element.getAttribute(name)) : null;
    if (words !== null) element.setAttribute(name, words);
  }
};
const swap = (root) => {
  if (root.nodeType === Node.TEXT_NODE) return swapText(root);
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  swapAttributes(root);
  root.querySelectorAll('[aria-label], [title], [placeholder]').forEach(swapAttributes);
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) swapText(texts.currentNode);
};
new MutationObserver((changes) => changes.forEach((change) => {
  if (change.type === 'childList') change.addedNodes.forEach(swap);
  else if (change.type === 'attributes') swapAttributes(change.target);
  else swapText(change.target);
})).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
  attributeFilter: ATTRIBUTES});
swap(document.body);
}
