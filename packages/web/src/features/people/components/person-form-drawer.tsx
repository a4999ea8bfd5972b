import {
  documentTypeCodes,
  educationCodes,
  ethnicityCodes,
  maritalStatusCodes,
  parseIdNumber,
  PersonInput,
  PersonPatch,
  politicalStatusCodes,
  residenceTypes,
  sexCodes,
  type PersonDetail,
} from '@shequ/core';
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  Row,
  Select,
  type FormRule,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { CommunityTreeSelect } from '../../regions/components/community-tree-select';
import { useCurrentCommunity } from '../../regions/use-current-community';
import { useCreatePerson, useUpdatePerson } from '../api';
import {
  personFormValuesOf,
  toPersonInput,
  toPersonPatch,
  type PersonFormValues,
} from '../person-form-values';
import { documentNumberProblem, isPhoneNumber, today } from '../person-rules';
import { CodeSetSelect } from './code-set-select';

interface PersonFormDrawerProps {
  /** The person to edit; a new person when absent. */
  person?: PersonDetail;
  onClose: () => void;
}

const half = { xs: 24, md: 12 };

/**
 * 新增人员 / 编辑: the person's values, checked as they are typed (the ID number with its check
 * character, the phone's shape), code-table fields as searchable selects, and the server's field
 * errors shown on the fields. An edit sends what changed, the version read and an optional reason.
 */
export function PersonFormDrawer({ person, onClose }: PersonFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PersonFormValues>();
  const community = useCurrentCommunity();
  const create = useCreatePerson();
  const update = useUpdatePerson(person?.id ?? '');
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const documentType = Form.useWatch('documentType', form);
  const idNumber = Form.useWatch('idNumber', form);
  const editing = person !== undefined;

  const parsedId = idNumber ? parseIdNumber(idNumber, today()) : undefined;
  const idFacts =
    parsedId?.ok && (documentType ?? '111') === '111'
      ? t('person.idFacts', {
          birthDate: parsedId.value.birthDate,
          sex: t(parsedId.value.sex === '1' ? 'person.male' : 'person.female'),
        })
      : undefined;

  const required = (label: string): FormRule => ({
    required: true,
    whitespace: true,
    message: t('common.required', { label }),
  });
  const documentRule: FormRule = {
    validator: async (_rule, value: string | undefined) => {
      if (!value?.trim()) return;
      const problem = documentNumberProblem(value, form.getFieldValue('documentType'));
      if (problem) throw new Error(problem);
    },
  };
  const phoneRule: FormRule = {
    validator: async (_rule, value: string | undefined) => {
      if (value?.trim() && !isPhoneNumber(value)) throw new Error(t('person.phoneInvalid'));
    },
  };

  /** A valid ID number fills in the birth date and sex it carries, when they are still blank. */
  const onValuesChange = (changed: Partial<PersonFormValues>) => {
    if (!changed.idNumber) return;
    const parsed = parseIdNumber(changed.idNumber, today());
    if (!parsed.ok || (form.getFieldValue('documentType') ?? '111') !== '111') return;
    const current = form.getFieldsValue(['birthDate', 'sex']);
    form.setFieldsValue({
      ...(current.birthDate ? {} : { birthDate: dayjs(parsed.value.birthDate) }),
      ...(current.sex ? {} : { sex: parsed.value.sex }),
    });
  };

  const submit = (values: PersonFormValues) => {
    if (!person) {
      const checked = validateForm(form, PersonInput, toPersonInput(values));
      if (!('data' in checked)) return notice(checked.unplaced);
      create.mutate(checked.data, {
        onSuccess: (created) => {
          void message.success(t('person.created', { name: created.name }));
          onClose();
          void navigate(`/people/${created.id}`);
        },
        onError: (error) => onError(error, form),
      });
      return;
    }
    const { body, changed } = toPersonPatch(values, person);
    if (changed.length === 0) {
      void message.info(t('person.nothingChanged'));
      return;
    }
    const checked = validateForm(form, PersonPatch, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    update.mutate(checked.data, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError: (error) => onError(error, form),
    });
  };

  const masked = (value: string | null) =>
    editing ? { placeholder: value ?? '', allowClear: true } : {};
  const maskedHint = editing ? t('person.maskedHint') : undefined;

  return (
    <Drawer
      open
      onClose={onClose}
      title={editing ? t('person.editTitle', { name: person.name }) : t('person.createTitle')}
      size={780}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending || update.isPending}
            onClick={() => form.submit()}
            data-testid="person-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<PersonFormValues>
        form={form}
        name="personForm"
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        scrollToFirstError
        initialValues={
          person
            ? personFormValuesOf(person)
            : { documentType: '111', residenceType: 'registered', regionCode: community?.code }
        }
      >
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('person.sectionIdentity')}
        </Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label={t('person.name')} name="name" rules={[required(t('person.name'))]}>
              <Input maxLength={50} data-testid="person-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.formerNames')} name="formerNames">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.documentType')} name="documentType">
              <CodeSetSelect codeSet={documentTypeCodes} allowClear={false} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('person.idNumber')}
              name="idNumber"
              dependencies={['documentType']}
              rules={editing ? [documentRule] : [required(t('person.idNumber')), documentRule]}
              extra={idFacts ?? maskedHint}
            >
              <Input
                maxLength={40}
                autoComplete="off"
                data-testid="person-id-number"
                {...masked(person?.idNumberMasked ?? null)}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.sex')} name="sex">
              <CodeSetSelect codeSet={sexCodes} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.birthDate')} name="birthDate">
              <DatePicker style={{ width: '100%' }} maxDate={dayjs(today())} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.ethnicity')} name="ethnicity">
              <CodeSetSelect codeSet={ethnicityCodes} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.residenceType')} name="residenceType">
              <Select
                options={residenceTypes.map(({ code }) => ({
                  value: code,
                  label: t(`residenceType.${code}`),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('person.sectionContact')}
        </Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              label={t('person.community')}
              name="regionCode"
              rules={[{ required: true, message: t('person.communityRequired') }]}
            >
              <CommunityTreeSelect />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('person.phone')}
              name="phone"
              rules={[phoneRule]}
              extra={maskedHint}
            >
              <Input maxLength={30} inputMode="tel" {...masked(person?.phoneMasked ?? null)} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('person.registeredAddress')} name="registeredAddress">
              <Input maxLength={200} {...masked(person?.registeredAddressMasked ?? null)} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('person.currentAddress')} name="currentAddress">
              <Input maxLength={200} {...masked(person?.currentAddressMasked ?? null)} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('person.sectionMore')}
        </Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label={t('person.politicalStatus')} name="politicalStatus">
              <CodeSetSelect codeSet={politicalStatusCodes} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.maritalStatus')} name="maritalStatus">
              <CodeSetSelect codeSet={maritalStatusCodes} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.education')} name="education">
              <CodeSetSelect codeSet={educationCodes} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.occupation')} name="occupation">
              <Input maxLength={50} data-testid="person-occupation" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.employer')} name="employer">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('person.health')} name="health">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('person.tags')} name="tags" extra={t('person.tagsHint')}>
              <Select mode="tags" maxCount={20} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('person.note')} name="note">
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          </Col>
          {editing && (
            <Col span={24}>
              <Form.Item label={t('person.reason')} name="reason" extra={t('person.reasonHint')}>
                <Input
                  maxLength={200}
                  placeholder={t('person.reasonPlaceholder')}
                  data-testid="person-reason"
                />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Drawer>
  );
}
