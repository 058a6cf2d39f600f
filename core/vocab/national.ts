/**
 * National vocabulary the generic checks read (not one province's choice): gender spellings clerks type,
 * grade words, the 56 ethnic groups. A notice's own words (异动类型, status words, footer labels) belong
 * to its pack (core/packs/<pack>/).
 */

/** What clerks type for 男/女, normalised (lower case, no spaces). */
export const GENDER_FIXES: Readonly<Record<string, '男' | '女'>> = {
  男性: '男',
  男生: '男',
  男士: '男',
  m: '男',
  male: '男',
  man: '男',
  boy: '男',
  女性: '女',
  女生: '女',
  女士: '女',
  f: '女',
  female: '女',
  woman: '女',
  girl: '女',
};

/** Grade words that pass / fail (成绩 columns take scores or these). */
export const PASSING_WORDS = new Set(['优秀', '良好', '中等', '及格', '合格', '优', '良', '中']);
export const FAILING_WORDS = new Set(['不及格', '不合格', '差']);

/** The 56 ethnic groups (GB/T 3304). */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
];

/** Gender of an ID's 17th digit, as written on forms. */
export const GENDER_ZH = { male: '男', female: '女' } as const;
