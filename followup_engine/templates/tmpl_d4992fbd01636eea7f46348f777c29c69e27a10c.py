# Generated from second_follow_up_email.txt by `python -m followup_engine.template_code`: do not edit.
# ruff: noqa
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'second_follow_up_email.txt'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_role_phrase = resolve('role_phrase')
    l_0_at_company = resolve('at_company')
    l_0_greeting = resolve('greeting')
    l_0_first_contact_date = resolve('first_contact_date')
    l_0_interview_date = resolve('interview_date')
    l_0_thank_them = resolve('thank_them')
    l_0_sign_off = resolve('sign_off')
    pass
    yield 'Following up on '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield '\n\n'
    yield str((undefined(name='greeting') if l_0_greeting is missing else l_0_greeting))
    yield '\n\n'
    if (undefined(name='first_contact_date') if l_0_first_contact_date is missing else l_0_first_contact_date):
        pass
        yield 'I wrote to you on '
        yield str((undefined(name='first_contact_date') if l_0_first_contact_date is missing else l_0_first_contact_date))
        yield ' about '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield ', after my interview on '
        yield str((undefined(name='interview_date') if l_0_interview_date is missing else l_0_interview_date))
        yield '. I know hiring often takes longer than planned, so I wanted to check in once more.\n'
    else:
        pass
        yield 'I am following up about '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield ', after my interview on '
        yield str((undefined(name='interview_date') if l_0_interview_date is missing else l_0_interview_date))
        yield '. I know hiring often takes longer than planned.\n'
    if (undefined(name='thank_them') if l_0_thank_them is missing else l_0_thank_them):
        pass
        yield '\nThank you for taking the time to meet with me.\n'
    yield '\nI am still interested, and a short update on where the decision stands would help me a lot whenever you have a moment.\n\nThank you for your time.\n\n'
    yield str((undefined(name='sign_off') if l_0_sign_off is missing else l_0_sign_off))

blocks = {}
debug_info = '2=19&4=22&6=24&7=27&9=37&11=42&20=46'
