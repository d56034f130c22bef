/**
 * Display names for the catalogue pages: each department's title in English and Chinese, and the Chinese names
 * (信息项名称, 信息资源名称) of the embedded default's resources and items. Words for people, not rules: the
 * catalogue itself stays the supergraph's. A department or item not listed here (one added later) is shown by
 * its id, which is what requests and agreements use anyway.
 */

export interface DepartmentName {
  title: string;
  titleZh: string;
}

const DEPARTMENTS: Readonly<Record<string, DepartmentName>> = {
  'public-security': { title: 'Public Security', titleZh: '公安局' },
  'civil-affairs': { title: 'Civil Affairs', titleZh: '民政局' },
  'human-resources': { title: 'Human Resources and Social Security', titleZh: '人力资源和社会保障局' },
  'market-regulation': { title: 'Market Regulation', titleZh: '市场监督管理局' },
  tax: { title: 'Taxation', titleZh: '税务局' },
  'natural-resources': { title: 'Natural Resources', titleZh: '自然资源局' },
  health: { title: 'Health', titleZh: '卫生健康委员会' },
  platform: { title: 'Data Sharing Platform', titleZh: '数据共享平台' },
};

/** The department's titles; for an unknown department, its id in title case and no Chinese title. */
export function departmentName(id: string): DepartmentName | { title: string; titleZh: null } {
  return DEPARTMENTS[id] ?? { title: id.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' '), titleZh: null };
}

const RESOURCES: Readonly<Record<string, string>> = {
  Query: '查询入口',
  Person: '自然人',
  Household: '户籍',
  MarriageRecord: '婚姻登记记录',
  SubsistenceAllowance: '最低生活保障',
  SocialInsurance: '基本养老保险',
  Employment: '就业登记',
  Enterprise: '企业',
  EnterpriseConnection: '企业分页',
  PageInfo: '分页信息',
  TaxArrear: '欠税',
  RealEstate: '不动产',
  BirthRecord: '出生医学证明',
  Diagnosis: '诊断',
  Vaccination: '预防接种',
};

const ITEMS: Readonly<Record<string, string>> = {
  'Query.person': '按公民身份号码查询自然人',
  'Query.enterprise': '按统一社会信用代码查询企业',
  'Query.enterprises': '企业列表',
  'Query.realEstate': '按不动产权证书号查询不动产',
  'Person.idNumber': '公民身份号码',
  'Person.name': '姓名',
  'Person.gender': '性别',
  'Person.birthDate': '出生日期',
  'Person.ethnicity': '民族',
  'Person.household': '户籍信息',
  'Person.maritalStatus': '婚姻状况',
  'Person.marriageRecords': '婚姻登记记录',
  'Person.subsistenceAllowance': '最低生活保障信息',
  'Person.diagnoses': '诊断记录',
  'Person.birthRecord': '出生医学证明',
  'Person.vaccinations': '预防接种记录',
  'Person.socialInsurance': '基本养老保险信息',
  'Person.employment': '就业登记信息',
  'Person.enterprises': '担任法定代表人的企业',
  'Person.realEstates': '不动产登记信息',
  'Household.address': '户籍地址',
  'Household.regionCode': '户籍地行政区划代码',
  'Household.householdNumber': '户号',
  'Household.relationToHead': '与户主关系',
  'Household.registeredOn': '入户日期',
  'MarriageRecord.kind': '登记类型（结婚或离婚）',
  'MarriageRecord.registeredOn': '婚姻登记日期',
  'MarriageRecord.registrationOffice': '婚姻登记机关',
  'MarriageRecord.spouse': '配偶',
  'SubsistenceAllowance.status': '低保状态',
  'SubsistenceAllowance.monthlyAmount': '月保障金额',
  'SubsistenceAllowance.since': '首次享受低保日期',
  'SocialInsurance.pensionMonths': '养老保险累计缴费月数',
  'SocialInsurance.status': '参保状态',
  'SocialInsurance.insuredSince': '参加工作日期',
  'SocialInsurance.city': '参保统筹地区',
  'Employment.employer': '用人单位',
  'Employment.position': '工作岗位',
  'Employment.since': '入职日期',
  'Enterprise.creditCode': '统一社会信用代码',
  'Enterprise.name': '企业名称',
  'Enterprise.type': '企业类型',
  'Enterprise.status': '登记状态',
  'Enterprise.registeredCapital': '注册资本',
  'Enterprise.establishedDate': '成立日期',
  'Enterprise.businessScope': '经营范围',
  'Enterprise.regionCode': '登记地行政区划代码',
  'Enterprise.address': '住所',
  'Enterprise.legalRepresentative': '法定代表人',
  'Enterprise.taxCreditRating': '纳税信用等级',
  'Enterprise.taxArrears': '欠税信息',
  'EnterpriseConnection.nodes': '企业',
  'EnterpriseConnection.pageInfo': '分页信息',
  'PageInfo.hasNextPage': '是否有下一页',
  'PageInfo.endCursor': '分页游标',
  'TaxArrear.taxType': '税种',
  'TaxArrear.amount': '欠税金额',
  'TaxArrear.periodEnd': '税款所属期止',
  'TaxArrear.since': '欠税起始日期',
  'RealEstate.certificateNo': '不动产权证书号',
  'RealEstate.address': '坐落',
  'RealEstate.area': '建筑面积',
  'RealEstate.usage': '规划用途',
  'RealEstate.registeredOn': '登记日期',
  'RealEstate.owners': '权利人',
  'BirthRecord.certificateNo': '出生医学证明编号',
  'BirthRecord.hospital': '接生机构',
  'BirthRecord.weightGrams': '出生体重（克）',
  'BirthRecord.bornOn': '出生日期',
  'Diagnosis.code': '疾病编码（ICD-10）',
  'Diagnosis.name': '疾病名称',
  'Diagnosis.diagnosedOn': '诊断日期',
  'Diagnosis.hospital': '诊断机构',
  'Vaccination.vaccine': '疫苗名称',
  'Vaccination.dose': '剂次',
  'Vaccination.administeredOn': '接种日期',
  'Vaccination.site': '接种部位',
};

export function resourceNameZh(type: string): string | null {
  return RESOURCES[type] ?? null;
}

export function itemNameZh(item: string): string | null {
  return ITEMS[item] ?? null;
}
